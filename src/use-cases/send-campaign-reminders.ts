import type { Clock } from "../domain/clock.js";
import type { MailSender } from "../mail/mail-sender.js";
import type { Repositories } from "../store/repositories/index.js";
import { mailInvitations } from "./create-campaign.js";

export interface SendCampaignRemindersOptions {
  repositories: Repositories;
  campaignId: string;
  mail: MailSender | null;
  publicUrl: string;
  clock: Clock;
  /** False for the reminder schedule: links that could not be mailed are not returned, and keep their old link. */
  handOutLinks?: boolean;
}

/**
 * Reminds those who have not answered, once per reminder day that has come. Each reminder carries
 * a fresh link (only hashes are stored, so the first one cannot be sent again); the old one stops
 * working once the new one has reached the invitee.
 */
export const sendCampaignReminders = async (o: SendCampaignRemindersOptions) => {
  const now = o.clock.now();
  const campaign = await o.repositories.campaigns.get(o.campaignId, now);
  const due = await o.repositories.campaigns.dueReminders(o.campaignId, now);
  const { links, mailed } = await mailInvitations(
    o.repositories,
    campaign,
    due,
    o.mail,
    o.publicUrl,
    now,
    true,
    o.handOutLinks ?? true,
  );
  return { reminded: due.length, mailed, links };
};
