import { strict as assert } from "node:assert";
import { parseCameraAddress, formatHostPort } from "../../src/camera";

describe("camera address", () => {
  it("accepts host, host:port, schemes and bracketed IPv6", () => {
    assert.deepEqual(parseCameraAddress("192.168.1.20"), { protocol: "http", hostname: "192.168.1.20", port: 80 });
    assert.deepEqual(parseCameraAddress(" cam.local:8080 "), { protocol: "http", hostname: "cam.local", port: 8080 });
    assert.deepEqual(parseCameraAddress("https://cam.local"), { protocol: "https", hostname: "cam.local", port: 443 });
    assert.deepEqual(parseCameraAddress("HTTP://10.0.0.2:81/"), { protocol: "http", hostname: "10.0.0.2", port: 81 });
    assert.deepEqual(parseCameraAddress("[fe80::1]:8000"), { protocol: "http", hostname: "fe80::1", port: 8000 });
    assert.equal(formatHostPort(parseCameraAddress("[::1]")), "[::1]:80");
  });

  it("refuses paths, credentials, bad ports and other schemes", () => {
    for (const bad of ["", "ftp://cam", "cam/GetDeviceInfo", "admin:pw@cam", "cam:0", "cam:70000", "cam:80x", "fe80::1", "bad host", "cam:"]) {
      assert.throws(() => parseCameraAddress(bad), RangeError, bad);
    }
  });
});
