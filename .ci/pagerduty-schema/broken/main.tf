# Deliberately wrong, one mistake per block: CI runs check.mjs on this folder and requires each to be reported, so a
# checker that stopped checking would fail CI.
resource "pagerduty_schedule" "misspelled_argument" {
  time_zon = "Asia/Tokyo"
  layer {
    start                        = "2026-12-07T09:00:00+09:00"
    rotation_virtual_start       = "2026-12-07T09:00:00+09:00"
    rotation_turn_length_seconds = 3600
    users                        = ["PUSER01"]
  }
}

resource "pagerduty_service" "missing_required_argument" {
  name = "checkout"
}

resource "pagerduty_escalation_policy" "misspelled_block" {
  name = "checkout"
  rules {
    escalation_delay_in_minutes = 30
    target {
      id = "PSCHED1"
    }
  }
}

resource "pagerduty_schedule" "missing_nested_required_argument" {
  time_zone = "Asia/Tokyo"
  layer {
    start                  = "2026-12-07T09:00:00+09:00"
    rotation_virtual_start = "2026-12-07T09:00:00+09:00"
    users                  = ["PUSER01"]
  }
}

resource "pagerduty_rotation" "no_such_resource" {
  name = "x"
}
