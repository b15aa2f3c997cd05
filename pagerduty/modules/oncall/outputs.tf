output "routing_key" {
  description = "Events API v2 routing key of the service: hand it to routing-key-ssm, never to a file or a log."
  value       = pagerduty_service_integration.events_api_v2.integration_key
  sensitive   = true
}

output "cloudwatch_integration_url" {
  description = "The HTTPS endpoint an SNS topic subscribes to for the CloudWatch integration (null when off)."
  value       = var.cloudwatch_integration ? "https://events.pagerduty.com/integration/${pagerduty_service_integration.cloudwatch[0].integration_key}/enqueue" : null
  sensitive   = true
}

output "service_id" {
  value = pagerduty_service.this.id
}

output "business_service_id" {
  value = pagerduty_business_service.this.id
}

output "schedule_id" {
  value = pagerduty_schedule.rotation.id
}

output "escalation_policy_id" {
  value = pagerduty_escalation_policy.this.id
}

output "team_id" {
  value = pagerduty_team.this.id
}
