package verify

import (
	"bytes"
	"communique/app/sign/certs"
	"communique/app/sign/cms"
	"crypto/x509"
	"errors"
	"fmt"
	"time"
)

// Trust is explicit: a certificate is trusted when it chains to a root the
// caller named (Options.Roots, pinned CA certificates) or is itself a
// pinned signer certificate, at a trusted time. The trusted time is a
// timestamp authority's, if the authority is trusted for timestamping,
// else now; what the signer claims (signingTime, /M) never counts.

func (v *verifier) setTrust() {
	if v.opt.Roots != nil {
		v.pinnedRoots = v.opt.Roots.Clone()
	}
	for _, c := range v.opt.Pinned {
		if c.IsCA {
			v.pinnedRoots.AddCert(c)
		} else {
			v.pinned = append(v.pinned, c)
		}
	}
}

// signatureTimestamp checks the timestamp token over the signature value,
// if any, and returns the time to judge the certificate at. res is set when
// the token makes the signature invalid.
func (v *verifier) signatureTimestamp(rep *SignatureReport, unsigned []cms.Attribute, sigValue []byte) (at time.Time, detail string, res *cryptoResult) {
	at = v.opt.Now
	for _, a := range unsigned {
		if !a.Type.Equal(cms.OIDAttrTimeStampToken) {
			continue
		}
		ts, err := cms.ParseTimestampToken(a.Value.Bytes)
		if err != nil {
			r := broken(VerdictInvalid, "the signature's timestamp is unreadable or its own signature is wrong")
			return at, "", &r
		}
		th := ts.HashAlgorithm.New()
		th.Write(sigValue)
		if !bytes.Equal(th.Sum(nil), ts.HashedMessage) {
			r := broken(VerdictInvalid, "the timestamp belongs to a different signature")
			return at, "", &r
		}
		// A token without certificates has no checked signature (the
		// parser only verifies one when certificates are present).
		tsa := cms.TokenSigner(a.Value.Bytes)
		if tsa == nil {
			detail = "the signature carries a timestamp without the authority's certificate; it cannot be checked and is ignored"
			continue
		}
		rep.TimestampAuthority = certs.Name(tsa)
		var why string
		rep.TimestampTrust, why = v.tsaTrust(tsa, ts.Certificates, ts.Time)
		if rep.TimestampTrust != TrustTrusted {
			detail = joinDetail("timestamped by "+rep.TimestampAuthority+", which is not trusted as a timestamp authority ("+why+"); the certificate is judged at the current time", detail)
			continue
		}
		rep.Timestamped = true
		rep.Time = ts.Time
		at = ts.Time
		detail = "timestamped by " + rep.TimestampAuthority
	}
	return at, detail, nil
}

// checkDocTimestamp verifies an ETSI.RFC3161 document timestamp.
func (v *verifier) checkDocTimestamp(rep *SignatureReport, contents []byte, ranges [][]byte) cryptoResult {
	ts, err := cms.ParseTimestampToken(cms.TrimBER(contents))
	if err != nil {
		return broken(VerdictInvalid, "the document timestamp is unreadable or its signature is wrong")
	}
	h := ts.HashAlgorithm.New()
	for _, r := range ranges {
		h.Write(r)
	}
	if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
		return broken(VerdictModified, "the timestamped bytes were changed: their digest no longer matches the timestamp")
	}
	cert := cms.TokenSigner(cms.TrimBER(contents))
	if cert == nil {
		return broken(VerdictInvalid, "document timestamp without the authority's certificate: its signature cannot be checked")
	}
	rep.Time = ts.Time
	rep.Signer, rep.Issuer, rep.CertificateSHA256 = certs.Name(cert), certs.IssuerName(cert), certs.Fingerprint(cert)
	rep.TimestampAuthority = rep.Signer
	var why string
	rep.Trust, why = v.tsaTrust(cert, ts.Certificates, ts.Time)
	rep.TimestampTrust = rep.Trust
	rep.Timestamped = rep.Trust == TrustTrusted
	verdict := trustVerdict(rep.Trust)
	if weak := weakness(cert, ts.HashAlgorithm); weak != "" {
		verdict, why = VerdictWeak, joinDetail(weak, why)
	}
	return cryptoResult{verdict, joinDetail("document timestamp", why)}
}

// judge sets the signer's trust, judged at time at, and returns the verdict
// it makes of an intact signature.
func (v *verifier) judge(rep *SignatureReport, cert *x509.Certificate, pool []*x509.Certificate, at time.Time, usage x509.ExtKeyUsage) (Verdict, string) {
	if reason := certs.UsageProblem(cert); reason != "" {
		rep.Trust = TrustNotForSigning
		return VerdictUntrusted, "the certificate " + reason
	}
	var why string
	rep.Trust, why = v.chainTrust(cert, pool, at, usage)
	return trustVerdict(rep.Trust), why
}

func trustVerdict(trust string) Verdict {
	switch trust {
	case TrustTrusted:
		return VerdictValid
	case TrustExpired, TrustNotYetValid:
		return VerdictExpired
	}
	return VerdictUntrusted
}

// tsaTrust judges a timestamp authority (RFC 3161 §2.3): its certificate
// has the timeStamping purpose as its only extended key usage, marked
// critical, and chains to a trusted root at the token's time.
func (v *verifier) tsaTrust(cert *x509.Certificate, pool []*x509.Certificate, at time.Time) (string, string) {
	critical := false
	for _, e := range cert.Extensions {
		if e.Id.Equal(oidEKU) {
			critical = e.Critical
		}
	}
	if len(cert.ExtKeyUsage) != 1 || cert.ExtKeyUsage[0] != x509.ExtKeyUsageTimeStamping || len(cert.UnknownExtKeyUsage) != 0 || !critical {
		return TrustNotForSigning, "its certificate is not a timestamp authority's (the timeStamping purpose, alone and critical)"
	}
	return v.chainTrust(cert, pool, at, x509.ExtKeyUsageTimeStamping)
}

// chainTrust checks that cert chains to the trusted roots, or is pinned, at
// time at, for usage.
func (v *verifier) chainTrust(cert *x509.Certificate, pool []*x509.Certificate, at time.Time, usage x509.ExtKeyUsage) (string, string) {
	for _, p := range v.pinned {
		if p.Equal(cert) {
			if at.Before(cert.NotBefore) {
				return TrustNotYetValid, "the pinned certificate was not yet valid at " + at.UTC().Format(time.RFC3339)
			}
			if at.After(cert.NotAfter) {
				return TrustExpired, "the pinned certificate had expired at " + at.UTC().Format(time.RFC3339)
			}
			return TrustTrusted, "the certificate is pinned as a trusted signer"
		}
	}
	inter := x509.NewCertPool()
	for _, c := range pool {
		if !c.Equal(cert) {
			inter.AddCert(c)
		}
	}
	_, err := cert.Verify(x509.VerifyOptions{
		Roots: v.pinnedRoots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{usage},
	})
	if err == nil {
		return TrustTrusted, ""
	}
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		if certs.SelfSigned(cert) {
			return TrustSelfSigned, "the certificate is self-signed and not among the trusted ones"
		}
		return TrustUnknownIssuer, fmt.Sprintf("the issuer %q is not among the trusted certificate authorities", certs.IssuerName(cert))
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		when := at.UTC().Format(time.RFC3339)
		if at.Before(cert.NotBefore) {
			return TrustNotYetValid, "the certificate was not yet valid at " + when
		}
		return TrustExpired, "a certificate in the chain had expired at " + when
	}
	return TrustUntrusted, "the certificate chain was rejected: " + err.Error()
}
