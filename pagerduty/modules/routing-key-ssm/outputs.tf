output "parameter_name" {
  description = "Give this to sam deploy: --parameter-overrides PagerDutyRoutingKeyParameter=<it>."
  value       = aws_ssm_parameter.routing_key.name
}

output "parameter_arn" {
  value = aws_ssm_parameter.routing_key.arn
}
