terraform {
  required_version = ">= 1.11"
  required_providers {
    pagerduty = {
      source  = "PagerDuty/pagerduty"
      version = "~> 3.30"
    }
  }
}
