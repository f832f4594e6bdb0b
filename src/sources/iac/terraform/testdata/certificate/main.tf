resource "aws_iam_server_certificate" "site" {
  name             = "site"
  private_key      = "not-checked"
  certificate_body = <<-EOT
    -----BEGIN CERTIFICATE-----
    MIIBKzCB0qADAgECAhQYwFbBFyJzp4bKwCz/JfuAEOi1IjAKBggqhkjOPQQDAjAW
    MRQwEgYDVQQDDAtvbGQuZXhhbXBsZTAeFw0yMDAxMDEwMDAwMDBaFw0yMDAzMDEw
    MDAwMDBaMBYxFDASBgNVBAMMC29sZC5leGFtcGxlMFkwEwYHKoZIzj0CAQYIKoZI
    zj0DAQcDQgAEElJWP8riNPitUGtn3Du4JR0GAty/3LYL7Yfl2Zy4z94ff4vg48zu
    gjOsR+tZgXc7vsOY/WjmA40SZ1KVu1alvjAKBggqhkjOPQQDAgNIADBFAiAbxfsA
    ppkq42QjIQCN60OfYWPX+wQ410Unkoh2SuFM8QIhAKlBKfYaAf5/B1rmVsIHMrr/
    iJezZBgpkCvHp4HvHzEI
    -----END CERTIFICATE-----
  EOT
}
