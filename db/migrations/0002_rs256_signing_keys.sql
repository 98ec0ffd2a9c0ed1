-- API tokens are signed with RS256 from now on (docs/decisions/009): verifying RSA is several
-- times cheaper than Ed25519, and every JWT library in every language accepts it. Keys of
-- any other algorithm are removed, so the start-up creates an RS256 key; tokens they signed
-- (valid for JWT_EXPIRES_IN at most) stop verifying and their clients fetch new ones.
DELETE FROM "jwks" WHERE "alg" IS DISTINCT FROM 'RS256';
