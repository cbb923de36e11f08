package dev.piedge.sidecar.platformtoken;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The one public key configured in {@code pi.api-auth.platform.public-key}, read from PEM
 * or a JWK, with the one algorithm it verifies: RS512 for RSA, ES256 for EC P-256.
 *
 * @param jwk the key, public only
 * @param algorithm RS512 or ES256
 */
record PlatformPublicKey(JWK jwk, JWSAlgorithm algorithm) {

	private static final int MIN_RSA_BITS = 2048;

	private static final String KEY = PlatformTokenProperties.PREFIX + "public-key";

	static PlatformPublicKey parse(String text) {
		String trimmed = text.strip();
		JWK jwk = trimmed.startsWith("{") ? jwk(trimmed) : pem(trimmed);
		if (jwk instanceof RSAKey rsa) {
			if (rsa.size() < MIN_RSA_BITS) {
				throw invalid("an RSA key must have at least " + MIN_RSA_BITS + " bits, this one has " + rsa.size());
			}
			return new PlatformPublicKey(jwk, JWSAlgorithm.RS512);
		}
		if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
			return new PlatformPublicKey(jwk, JWSAlgorithm.ES256);
		}
		throw invalid("it must be an RSA key (RS512) or an EC P-256 key (ES256)");
	}

	private static JWK jwk(String json) {
		JWK jwk;
		try {
			jwk = JWK.parse(json);
		}
		catch (ParseException ex) {
			throw invalid("it is not a valid JWK (" + ex.getMessage() + ")");
		}
		if (jwk.isPrivate()) {
			// A verifier needs no private key; one in configuration is a leak waiting to
			// happen.
			throw invalid("it holds a private key: configure the public key only");
		}
		return jwk;
	}

	private static JWK pem(String pem) {
		if (!pem.startsWith("-----BEGIN PUBLIC KEY-----") || !pem.endsWith("-----END PUBLIC KEY-----")) {
			throw invalid("it must be a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----) "
					+ "or a public JWK in JSON");
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder()
				.decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("its PEM body is not base64");
		}
		PublicKey key = publicKey(der);
		if (key instanceof RSAPublicKey rsa) {
			return new RSAKey.Builder(rsa).build();
		}
		ECPublicKey ec = (ECPublicKey) key;
		Curve curve = Curve.forECParameterSpec(ec.getParams());
		if (curve == null) {
			throw invalid("its EC curve is not one JOSE knows; use P-256");
		}
		return new ECKey.Builder(curve, ec).build();
	}

	private static PublicKey publicKey(byte[] der) {
		for (String algorithm : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// Not this kind of key; try the next.
			}
		}
		throw invalid("it is neither an RSA nor an EC public key");
	}

	private static IllegalArgumentException invalid(String why) {
		return new IllegalArgumentException(KEY + " cannot be used: " + why);
	}

}
