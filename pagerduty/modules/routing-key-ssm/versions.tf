terraform {
  # Write-only arguments (value_wo) need Terraform 1.11 and the AWS provider 5.91 or later.
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.91, < 7.0"
    }
  }
}
