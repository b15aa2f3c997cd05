# The hand-off to the SAM stack: the routing key as an SSM SecureString, which logs-error-to-pagerduty reads through
# PAGERDUTY_ROUTING_KEY_PARAMETER. The value goes in as a write-only argument, so this resource keeps no copy of it in
# Terraform state (the PagerDuty provider's own integration resource still does: keep state in an encrypted backend).

resource "aws_ssm_parameter" "routing_key" {
  name             = var.parameter_name
  description      = "PagerDuty Events API v2 routing key for alert-relay (managed by Terraform)"
  type             = "SecureString"
  key_id           = var.kms_key_id
  value_wo         = var.routing_key
  value_wo_version = var.key_version
  tags             = var.tags
}
