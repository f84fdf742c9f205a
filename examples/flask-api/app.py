"""The Flask tutorial's API, verifying this app's session access tokens with its public keys.

The tutorial's app checks its own HS256 tokens with SECRET_KEY. This one holds no key at all: it
fetches the app's public keys from its JWKS and accepts an ES256 access token issued by the app for
this API's audience. It verifies offline, so it cannot see that a session has ended: a token it
accepts stays good here until it expires (ACCESS_TTL_SECONDS, five minutes by default).
"""
import os
from functools import wraps
from urllib.parse import urlsplit

import jwt
from flask import Flask, jsonify, request
from werkzeug.serving import WSGIRequestHandler

JWKS_URL = os.environ.get("JWKS_URL", "http://localhost:3000/.well-known/jwks.json")
ISSUER = os.environ.get("ISSUER", "nextjs-jwt-auth")
AUDIENCE = os.environ.get("AUDIENCE", "flask-api")
PORT = int(os.environ.get("PORT", "5000"))

app = Flask(__name__)


class JwksUnavailable(Exception):
    """The JWK Set could not be fetched: this server's problem, not the token's."""


class JwksClient(jwt.PyJWKClient):
    # PyJWT 2.6 keeps the fetched set for 5 minutes, and fetches it again at once for a `kid` it does
    # not hold: a key the app has just rotated to verifies at once (and each token naming an unknown
    # `kid` costs one fetch). It raises the same error for an unreachable JWKS as for an unknown
    # `kid`; only the second is the token's fault.
    def fetch_data(self):
        try:
            return super().fetch_data()
        except jwt.PyJWKClientError as error:
            raise JwksUnavailable() from error


jwks = JwksClient(JWKS_URL)


def unauthorized(message):
    return jsonify({"message": message}), 401, {"WWW-Authenticate": 'Bearer realm="flask-api"'}


def token_from_request():
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return credentials.strip()
    return request.args.get("token")


def token_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        token = token_from_request()
        if not token:
            return unauthorized("Token is missing!")
        try:
            # RFC 9068 §4: an access token says so in its header; a token of another kind is refused.
            if jwt.get_unverified_header(token).get("typ") != "at+jwt":
                raise jwt.InvalidTokenError("not an access token")
            key = jwks.get_signing_key_from_jwt(token)
            # The algorithm is pinned: never the one the token's own header names.
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["ES256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "user"]},
            )
        except jwt.PyJWTError:
            return unauthorized("Token is invalid!")
        except JwksUnavailable as error:
            app.logger.error("The JWKS at %s cannot be fetched: %s", JWKS_URL, error.__cause__)
            return jsonify({"message": "The keys to verify the token cannot be fetched right now."}), 503
        return f(claims, *args, **kwargs)

    return decorated


@app.route("/unprotected")
def unprotected():
    return jsonify({"message": "Anyone can view this!"})


@app.route("/protected")
@token_required
def protected(claims):
    return jsonify({"message": "This is only available for people with valid tokens.", "user": claims["user"]})


class PathOnlyLog(WSGIRequestHandler):
    # `?token=` puts the token in the request line: each request is logged by its path alone.
    def log_request(self, code="-", size="-"):
        path = urlsplit(getattr(self, "path", "")).path
        self.log("info", '"%s %s" %s %s', self.command, path, code, size)


if __name__ == "__main__":
    app.run(port=PORT, request_handler=PathOnlyLog)
