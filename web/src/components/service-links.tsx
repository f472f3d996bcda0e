import { LinkEditor } from "./link-editor.js";

/** A service's links: the capabilities it supports, the units consuming it, the services it needs. */
export const ServiceLinks = ({ serviceId }: { serviceId: string }) => (
  <div className="columns">
    <LinkEditor
      kind="service-capability"
      title="Capabilities supported"
      hereField="serviceId"
      hereId={serviceId}
      thereField="capabilityId"
      therePath="capabilities"
      thereOne="capability"
      value={{ field: "strength", label: "Strength (0–1)", unit: "", initial: "1" }}
      permission="graph:write"
      empty="This service supports no capability yet."
    />
    <LinkEditor
      kind="unit-service"
      title="Consumed by business units"
      hereField="serviceId"
      hereId={serviceId}
      thereField="businessUnitId"
      therePath="business-units"
      thereOne="business unit"
      value={{ field: "share", label: "Share", unit: "%", initial: "100", addsUpTo100: true }}
      permission="business-graph:write"
      empty="No business unit consumes this service yet."
    />
    <LinkEditor
      kind="service-dependency"
      title="Depends on services"
      hereField="serviceId"
      hereId={serviceId}
      thereField="dependsOnServiceId"
      therePath="services"
      thereOne="service"
      value={null}
      permission="graph:write"
      empty="This service depends on no other service."
    />
  </div>
);
