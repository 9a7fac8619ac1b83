# A VPC module in the shape of the common public modules: variables, locals with
# heredocs and template expressions, dynamic blocks, for_each/count, lifecycle.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

locals {
  name = "${var.project}-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, 3)
  tags = merge(var.tags, { "Name" = local.name, "resource {" = "not a block" })
  policy = <<-EOT
    {
      "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }]
    }
  EOT
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = local.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_subnet" "private" {
  for_each          = { for index, az in local.azs : az => cidrsubnet(var.cidr, 4, index) }
  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  /* a block comment with resource "aws_fake" "x" { } inside */
}

resource "aws_security_group" "web" {
  name   = "${local.name}-web"
  vpc_id = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.ingress_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket        = "${local.name}-logs"
  force_destroy = false
}

module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"
  vpc_id  = aws_vpc.this.id
}

moved {
  from = aws_s3_bucket.log
  to   = aws_s3_bucket.logs
}

output "vpc_id" {
  value = aws_vpc.this.id
}
