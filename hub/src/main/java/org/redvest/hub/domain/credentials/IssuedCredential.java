package org.redvest.hub.domain.credentials;

import org.redvest.protocol.credential.Credential;

/** A credential just issued, and the text to put in its QR code. */
public record IssuedCredential(Credential credential, String code) {}
