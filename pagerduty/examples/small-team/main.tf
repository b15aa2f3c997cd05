# Two people rotating hourly in Tokyo, a 30-minute escalation looped twice: the classic small-team setup, and the
# SSM parameter the SAM stack reads the routing key from.
#
#   export PAGERDUTY_TOKEN=...      # a PagerDuty REST API key; never written into a file here
#   cp terraform.tfvars.example terraform.tfvars && edit it
#   terraform init && terraform apply
#   sam deploy --parameter-overrides PagerDutyRoutingKeyParameter=$(terraform output -raw routing_key_parameter)

terraform {
  required_version = ">= 1.11"
  required_providers {
    pagerduty = {
      source  = "PagerDuty/pagerduty"
      version = "~> 3.30"
    }
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.91, < 7.0"
    }
  }
}

# The token comes from PAGERDUTY_TOKEN only (the provider reads it when token is not set).
provider "pagerduty" {
  service_region = var.pagerduty_service_region
}

provider "aws" {
  region = var.aws_region
}

module "oncall" {
  source = "../../modules/oncall"

  name                     = var.name
  members                  = var.members
  time_zone                = var.time_zone
  rotation_start           = var.rotation_start
  turn_length_seconds      = var.turn_length_seconds
  escalation_delay_minutes = var.escalation_delay_minutes
  escalation_loops         = var.escalation_loops
  cloudwatch_integration   = var.cloudwatch_integration
}

module "routing_key" {
  source = "../../modules/routing-key-ssm"

  parameter_name = var.routing_key_parameter
  routing_key    = module.oncall.routing_key
  key_version    = var.routing_key_version
  kms_key_id     = var.kms_key_id
}

output "routing_key_parameter" {
  description = "PagerDutyRoutingKeyParameter for sam deploy."
  value       = module.routing_key.parameter_name
}

output "service_id" {
  value = module.oncall.service_id
}

output "schedule_id" {
  value = module.oncall.schedule_id
}
