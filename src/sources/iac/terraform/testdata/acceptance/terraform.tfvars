environment = "prod"

teams = {
  data = { public = false }
  web  = { public = true }
}
