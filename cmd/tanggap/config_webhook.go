package main

// loadWebhookConfig reads TANGGAP_WEBHOOK_ALLOW_PRIVATE: whether webhook
// endpoints may resolve to private, loopback and link-local addresses
// (false by default; tests on loopback and closed networks set it).
func loadWebhookConfig(getenv func(string) string, c *Config) error {
	var err error
	c.WebhookAllowPrivate, err = envBool(getenv, "TANGGAP_WEBHOOK_ALLOW_PRIVATE")
	return err
}
