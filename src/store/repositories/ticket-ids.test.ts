import { describe, expect, it } from "vitest";
import { nameBasedUuid, ticketIdNamespace, ticketIdOf } from "./ticket-ids.js";

// Expected values computed with Python's uuid.uuid5 (an independent implementation).
describe("ticket ids", () => {
  it("builds RFC 9562 version 5 UUIDs", () => {
    expect(nameBasedUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
    expect(nameBasedUuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://example.com/ticket/ü")).toBe(
      "e0766267-d6d7-571f-8bee-99e64501e6b5",
    );
  });

  it("derives a ticket's id from source system and external id, in Tandem's namespace", () => {
    expect(ticketIdNamespace).toBe("5b1e3a3c-7f0e-4c55-9a4b-2f6d1e8c7a10");
    expect(ticketIdOf("servicenow", "46b2c8f1db0a4a10a1b2c3d4e5f60718")).toBe(
      "408e2959-ac20-5893-9126-152b4f3b8db6",
    );
    expect(ticketIdOf("jira", "10042")).toBe("1a691a41-4f31-5303-9816-4412960d9620");
  });

  it("keeps keys apart that would run together without the separator", () => {
    expect(ticketIdOf("jira", "1:2")).not.toBe(ticketIdOf("jira:1", "2"));
  });
});
