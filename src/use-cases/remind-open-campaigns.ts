import type { Clock } from "../domain/clock.js";
import type { MailSender } from "../mail/mail-sender.js";
import type { Repositories } from "../store/repositories/index.js";
import { sendCampaignReminders } from "./send-campaign-reminders.js";

export interface RemindOpenCampaignsOptions {
  repositories: Repositories;
  /** Null: no SMTP; the fresh links are returned to hand out (the old ones stop working). */
  mail: MailSender | null;
  publicUrl: string;
  clock: Clock;
  /** False for the schedule, which nobody reads: links not mailed are kept back and retried next round. */
  handOutLinks: boolean;
}

export type CampaignReminderResult =
  | {
      campaignId: string;
      campaignName: string;
      status: "reminded";
      reminded: number;
      mailed: number;
      links: { email: string | null; url: string }[];
    }
  | { campaignId: string; campaignName: string; status: "failed"; error: string };

/**
 * One reminder round over every open campaign with reminder days: each reminds those who have not
 * answered once per reminder day that has come (sendCampaignReminders). A campaign that fails is
 * reported and does not stop the others.
 */
export const remindOpenCampaigns = async (
  o: RemindOpenCampaignsOptions,
): Promise<{ campaigns: CampaignReminderResult[]; reminded: number; mailed: number }> => {
  const open = await o.repositories.campaigns.openWithReminders(o.clock.now());
  const campaigns: CampaignReminderResult[] = [];
  for (const c of open) {
    try {
      const r = await sendCampaignReminders({
        repositories: o.repositories,
        campaignId: c.id,
        mail: o.mail,
        publicUrl: o.publicUrl,
        clock: o.clock,
        handOutLinks: o.handOutLinks,
      });
      campaigns.push({
        campaignId: c.id,
        campaignName: c.name,
        status: "reminded",
        reminded: r.reminded,
        mailed: r.mailed,
        links: r.links.map((l) => ({ email: l.email, url: l.url })),
      });
    } catch (error) {
      campaigns.push({
        campaignId: c.id,
        campaignName: c.name,
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const sum = (f: (r: Extract<CampaignReminderResult, { status: "reminded" }>) => number) =>
    campaigns.reduce((s, r) => s + (r.status === "reminded" ? f(r) : 0), 0);
  return { campaigns, reminded: sum((r) => r.reminded), mailed: sum((r) => r.mailed) };
};
