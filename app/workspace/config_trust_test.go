package workspace

import "testing"

// The certificates verify trusts without flags survive a save.
func TestTrustedCertificatesRoundTrip(t *testing.T) {
	c := Config{SourceLanguage: "en", CatalogFormat: "toml", TrustedCertificates: "keys/signers.pem"}
	back, err := parseConfig("communique.toml", c.encode())
	if err != nil || back.TrustedCertificates != "keys/signers.pem" {
		t.Fatalf("got %+v, %v", back, err)
	}
}
