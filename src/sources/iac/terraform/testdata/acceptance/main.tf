variable "environment" {
  type = string
}

variable "teams" {
  type = map(object({ public = bool }))
}

# No value anywhere: everything built from it stays unknown.
variable "partner_cidr" {
  type = string
}

locals {
  prefix = "acme-${var.environment}"
  admin_rules = [
    { port = 22, cidr = "0.0.0.0/0" },
    { port = 3389, cidr = "10.0.0.0/8" },
  ]
}

module "team_bucket" {
  source   = "./modules/bucket"
  for_each = var.teams

  name   = "${local.prefix}-${each.key}"
  public = each.value.public
}

resource "aws_security_group" "admin" {
  name = "${local.prefix}-admin"

  dynamic "ingress" {
    for_each = local.admin_rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = [rule.value.cidr]
    }
  }
}

resource "aws_security_group" "partner" {
  name = "${local.prefix}-partner"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.partner_cidr]
  }
}
