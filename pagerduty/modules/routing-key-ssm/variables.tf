variable "parameter_name" {
  description = "SSM parameter name, with leading slash; give the same to sam deploy as PagerDutyRoutingKeyParameter."
  type        = string
  default     = "/alert-relay/pagerduty-routing-key"
  validation {
    condition     = startswith(var.parameter_name, "/")
    error_message = "parameter_name must start with a slash (the SAM template's SSMParameterWithSlashPrefixReadPolicy expects one)."
  }
}

variable "routing_key" {
  description = "The Events API v2 routing key (the oncall module's routing_key output)."
  type        = string
  sensitive   = true
}

variable "key_version" {
  description = "Bump to write a new routing key into the parameter (rotation): the value itself is write-only and never in state."
  type        = number
  default     = 1
}

variable "kms_key_id" {
  description = "KMS key (ID, ARN or alias) that encrypts the parameter; null uses the account's aws/ssm key."
  type        = string
  default     = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
