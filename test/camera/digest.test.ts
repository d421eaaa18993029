// Digest computation against the published RFC examples, and challenge parsing.
import { strict as assert } from "node:assert";
import { parseChallenges, pickDigest, digestAuthorization } from "../../src/camera/digest";

function param(header: string, name: string): string | undefined {
  return new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1];
}

describe("digest auth", () => {
  it("RFC 2617 3.5 example (MD5, qop=auth)", () => {
    const [challenge] = parseChallenges([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    const header = digestAuthorization({
      challenge, user: "Mufasa", password: "Circle Of Life", method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "0a4f113b",
    });
    assert.equal(param(header, "response"), "6629fae49393a05397450978507c4ef1");
    assert.equal(param(header, "nc"), "00000001");
    assert.equal(param(header, "qop"), "auth");
    assert.equal(param(header, "opaque"), "5ccc069c403ebaf9f0171e9517f40e41");
  });

  it("RFC 7616 3.9.1 example: picks SHA-256 over MD5 and matches both responses", () => {
    const nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    const opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    const challenges = parseChallenges([
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="${nonce}", opaque="${opaque}"`,
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="${nonce}", opaque="${opaque}"`,
    ]);
    const picked = pickDigest(challenges);
    assert.equal(picked?.params.algorithm, "SHA-256");
    const common = { user: "Mufasa", password: "Circle of Life", method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ" };
    assert.equal(param(digestAuthorization({ challenge: picked!, ...common }), "response"), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    assert.equal(param(digestAuthorization({ challenge: challenges[1], ...common }), "response"), "8ca523f5e9506fed4657c9700eebdbec");
  });

  it("parses several challenges in one header, unquoted values and escapes", () => {
    const parsed = parseChallenges(['Basic realm="cam", Digest realm="a \\"b\\"", nonce=abc123, stale=TRUE, qop="auth"']);
    assert.deepEqual(parsed.map((c) => c.scheme), ["basic", "digest"]);
    assert.equal(parsed[1].params.realm, 'a "b"');
    assert.equal(parsed[1].params.nonce, "abc123");
    assert.equal(parsed[1].params.stale, "TRUE");
  });

  it("ignores Digest challenges it cannot answer", () => {
    assert.equal(pickDigest(parseChallenges(['Digest realm="x", nonce="n", algorithm=SHA-512-256'])), undefined);
    assert.equal(pickDigest(parseChallenges(['Basic realm="x"'])), undefined);
  });

  it("without qop falls back to the RFC 2069 form", () => {
    const [challenge] = parseChallenges(['Digest realm="r", nonce="n"']);
    const header = digestAuthorization({ challenge, user: "u", password: "p", method: "POST", uri: "/GetDeviceInfo", nc: 1 });
    assert.equal(param(header, "qop"), undefined);
    assert.equal(param(header, "nc"), undefined);
    assert.match(param(header, "response") ?? "", /^[0-9a-f]{32}$/);
  });
});
