import { LinkEditor } from "../components/link-editor.js";
import { initiativeEntity } from "../entities/initiatives.js";
import { EntityDetailPage } from "./entity-detail-page.js";

/** One initiative: its facts and the goals it contributes to (weights adding up to 100 %). */
export const InitiativePage = () => (
  <EntityDetailPage entity={initiativeEntity}>
    {(item) => (
      <LinkEditor
        kind="initiative-goal"
        title="Goals contributed to"
        hereField="initiativeId"
        hereId={item.id}
        thereField="goalId"
        therePath="goals"
        thereOne="goal"
        value={{ field: "weight", label: "Weight", unit: "%", initial: "100", addsUpTo100: true }}
        permission="business-graph:write"
        empty="This initiative contributes to no goal yet."
      />
    )}
  </EntityDetailPage>
);
