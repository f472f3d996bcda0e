import { LinkEditor } from "../components/link-editor.js";
import { capabilityEntity } from "../entities/capabilities.js";
import { EntityDetailPage } from "./entity-detail-page.js";

/** One capability: its facts and the goals it serves (weights adding up to 100 %). */
export const CapabilityPage = () => (
  <EntityDetailPage entity={capabilityEntity}>
    {(item) => (
      <LinkEditor
        kind="capability-goal"
        title="Goals served"
        hereField="capabilityId"
        hereId={item.id}
        thereField="goalId"
        therePath="goals"
        thereOne="goal"
        value={{ field: "weight", label: "Weight", unit: "%", initial: "100", addsUpTo100: true }}
        permission="business-graph:write"
        empty="This capability serves no goal yet."
      />
    )}
  </EntityDetailPage>
);
