variable "name" {
  type    = string
  default = "checkout"
}

variable "members" {
  type = list(object({
    name      = string
    email     = string
    team_role = optional(string, "responder")
    existing  = optional(bool, false)
  }))
}

variable "time_zone" {
  type    = string
  default = "Asia/Tokyo"
}

variable "rotation_start" {
  type = string
}

variable "turn_length_seconds" {
  type    = number
  default = 3600
}

variable "escalation_delay_minutes" {
  type    = number
  default = 30
}

variable "escalation_loops" {
  type    = number
  default = 2
}

variable "cloudwatch_integration" {
  type    = bool
  default = false
}

variable "routing_key_parameter" {
  type    = string
  default = "/alert-relay/pagerduty-routing-key"
}

variable "routing_key_version" {
  description = "Bump after replacing the integration to write the new key into SSM."
  type        = number
  default     = 1
}

variable "kms_key_id" {
  type    = string
  default = null
}

variable "aws_region" {
  type    = string
  default = "ap-northeast-1"
}

variable "pagerduty_service_region" {
  description = "\"us\" or \"eu\" (events.eu.pagerduty.com accounts)."
  type        = string
  default     = "us"
}
