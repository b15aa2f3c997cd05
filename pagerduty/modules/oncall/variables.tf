variable "name" {
  description = "Product name; names the team, schedule, escalation policy, services and integration."
  type        = string
}

variable "members" {
  description = <<-EOT
    The on-call people, in rotation order. Each is created as a PagerDuty user from name and email, unless
    existing = true, in which case the account with that email is looked up (an account that already exists would
    otherwise fail with "Email has already been taken"). team_role: observer, responder or manager.
  EOT
  type = list(object({
    name      = string
    email     = string
    team_role = optional(string, "responder")
    existing  = optional(bool, false)
  }))
  validation {
    condition     = length(var.members) > 0
    error_message = "members needs at least one person."
  }
  validation {
    condition     = alltrue([for m in var.members : contains(["observer", "responder", "manager"], m.team_role)])
    error_message = "team_role must be observer, responder or manager."
  }
}

variable "time_zone" {
  description = "Time zone of the schedule (IANA name)."
  type        = string
  default     = "Asia/Tokyo"
}

variable "rotation_start" {
  description = <<-EOT
    When the rotation starts, ISO 8601 with offset, e.g. "2026-12-07T09:00:00+09:00". A fixed value: a start computed
    from timestamp() would change on every plan and shift the rotation (PagerDuty provider issue #200).
  EOT
  type        = string
}

variable "turn_length_seconds" {
  description = "Length of one person's turn."
  type        = number
  default     = 3600
}

variable "restrictions" {
  description = "Optional on-call windows of the layer (type daily_restriction or weekly_restriction)."
  type = list(object({
    type              = string
    start_time_of_day = string
    duration_seconds  = number
    start_day_of_week = optional(number)
  }))
  default = []
}

variable "escalation_delay_minutes" {
  description = "Minutes before an unacknowledged incident escalates to the next level."
  type        = number
  default     = 30
}

variable "escalation_loops" {
  description = "How many times the escalation policy repeats when nobody acknowledges."
  type        = number
  default     = 2
}

variable "second_level_emails" {
  description = "Optional second escalation level: emails of members (from var.members) paged after the schedule."
  type        = list(string)
  default     = []
}

variable "acknowledgement_timeout_seconds" {
  description = "Seconds before an acknowledged incident re-triggers, as the provider takes it: a number as a string, or \"null\" to disable."
  type        = string
  default     = "1800"
}

variable "auto_resolve_timeout_seconds" {
  description = "Seconds before an open incident resolves itself, or \"null\" (the default) to disable: alert-relay resolves alarm incidents on OK, and an error that stops is not fixed."
  type        = string
  default     = "null"
}

variable "alert_grouping" {
  description = "Optional alert grouping of the service: type time (with timeout in minutes), intelligent or content_based."
  type = object({
    type      = string
    timeout   = optional(number)
    aggregate = optional(string)
    fields    = optional(list(string))
  })
  default = null
}

variable "business_service_name" {
  description = "Business service that depends on the technical service; empty uses \"<name> (customers)\"."
  type        = string
  default     = ""
}

variable "cloudwatch_integration" {
  description = "Also add the Amazon CloudWatch vendor integration, for alarm topics that page PagerDuty directly."
  type        = bool
  default     = false
}
