# The on-call side of alert-relay: who is paged, when, and the Events API v2 integration whose routing key
# logs-error-to-pagerduty uses. See the README, "On-call as code".

locals {
  new_members      = { for m in var.members : m.email => m if !m.existing }
  existing_members = { for m in var.members : m.email => m if m.existing }
  user_ids = merge(
    { for email, user in pagerduty_user.member : email => user.id },
    { for email, user in data.pagerduty_user.member : email => user.id },
  )
  business_service_name = var.business_service_name != "" ? var.business_service_name : "${var.name} (customers)"
}

resource "pagerduty_team" "this" {
  name        = var.name
  description = "On call for ${var.name}; managed by Terraform (alert-relay pagerduty/)."
}

resource "pagerduty_user" "member" {
  for_each  = local.new_members
  name      = each.value.name
  email     = each.value.email
  time_zone = var.time_zone
}

data "pagerduty_user" "member" {
  for_each = local.existing_members
  email    = each.key
}

resource "pagerduty_team_membership" "member" {
  for_each = { for m in var.members : m.email => m }
  team_id  = pagerduty_team.this.id
  user_id  = local.user_ids[each.key]
  role     = each.value.team_role
}

resource "pagerduty_schedule" "rotation" {
  name      = "${var.name} on call"
  time_zone = var.time_zone
  teams     = [pagerduty_team.this.id]

  layer {
    name                         = "${var.name} rotation"
    start                        = var.rotation_start
    rotation_virtual_start       = var.rotation_start
    rotation_turn_length_seconds = var.turn_length_seconds
    # Order is rotation order. Changing the list re-creates the rotation (PagerDuty provider issue #215).
    users = [for m in var.members : local.user_ids[m.email]]

    dynamic "restriction" {
      for_each = var.restrictions
      content {
        type              = restriction.value.type
        start_time_of_day = restriction.value.start_time_of_day
        duration_seconds  = restriction.value.duration_seconds
        start_day_of_week = restriction.value.start_day_of_week
      }
    }
  }
}

resource "pagerduty_escalation_policy" "this" {
  name      = "${var.name} escalation"
  num_loops = var.escalation_loops
  teams     = [pagerduty_team.this.id]

  rule {
    escalation_delay_in_minutes = var.escalation_delay_minutes
    target {
      type = "schedule_reference"
      id   = pagerduty_schedule.rotation.id
    }
  }

  dynamic "rule" {
    for_each = length(var.second_level_emails) > 0 ? [var.second_level_emails] : []
    content {
      escalation_delay_in_minutes = var.escalation_delay_minutes
      dynamic "target" {
        for_each = rule.value
        content {
          type = "user_reference"
          id   = local.user_ids[target.value]
        }
      }
    }
  }
}

resource "pagerduty_service" "this" {
  name                    = var.name
  description             = "Incidents from alert-relay's logs-error-to-pagerduty for ${var.name}."
  escalation_policy       = pagerduty_escalation_policy.this.id
  alert_creation          = "create_alerts_and_incidents"
  acknowledgement_timeout = var.acknowledgement_timeout_seconds
  auto_resolve_timeout    = var.auto_resolve_timeout_seconds

  dynamic "alert_grouping_parameters" {
    for_each = var.alert_grouping == null ? [] : [var.alert_grouping]
    content {
      type = alert_grouping_parameters.value.type
      config {
        timeout   = alert_grouping_parameters.value.timeout
        aggregate = alert_grouping_parameters.value.aggregate
        fields    = alert_grouping_parameters.value.fields
      }
    }
  }
}

resource "pagerduty_business_service" "this" {
  name        = local.business_service_name
  description = "What customers of ${var.name} see; depends on the ${var.name} service."
  team        = pagerduty_team.this.id
}

resource "pagerduty_service_dependency" "this" {
  dependency {
    dependent_service {
      id   = pagerduty_business_service.this.id
      type = "business_service"
    }
    supporting_service {
      id   = pagerduty_service.this.id
      type = "service"
    }
  }
}

resource "pagerduty_service_integration" "events_api_v2" {
  name    = "alert-relay (Events API v2)"
  service = pagerduty_service.this.id
  type    = "events_api_v2_inbound_integration"
}

data "pagerduty_vendor" "cloudwatch" {
  count = var.cloudwatch_integration ? 1 : 0
  name  = "Amazon CloudWatch"
}

resource "pagerduty_service_integration" "cloudwatch" {
  count   = var.cloudwatch_integration ? 1 : 0
  name    = "Amazon CloudWatch"
  service = pagerduty_service.this.id
  vendor  = data.pagerduty_vendor.cloudwatch[0].id
}
