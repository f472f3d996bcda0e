import type { Clock } from "../domain/clock.js";
import type { Campaign, CampaignInput, InvitationLink } from "../domain/schemas/campaign.js";
import type { MailSender } from "../mail/mail-sender.js";
import type { IssuedInvitation } from "../store/repositories/campaign-repository.js";
import type { Repositories } from "../store/repositories/index.js";

export interface CreateCampaignOptions {
  repositories: Repositories;
  input: CampaignInput;
  /** Null when no SMTP server is configured: the links are then returned to be copied. */
  mail: MailSender | null;
  /** Where the web app is reached, e.g. https://tandem.example.com (no trailing slash). */
  publicUrl: string;
  clock: Clock;
}

export interface CreateCampaignResult {
  campaign: Campaign;
  links: InvitationLink[];
  mailed: number;
}

export const surveyLinkUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, "")}/s/${token}`;

/** The invitation or reminder text: plain text, the link on a line of its own. */
export const invitationMail = (
  campaign: Pick<Campaign, "name" | "deadline">,
  invitation: IssuedInvitation,
  url: string,
  reminder: boolean,
) => ({
  to: invitation.email as string,
  subject: `${reminder ? "Reminder: " : ""}${campaign.name}`,
  text: [
    `Hello${invitation.name ? ` ${invitation.name}` : ""},`,
    "",
    reminder
      ? "A reminder: your answer to this short survey is still missing."
      : invitation.audience === "it"
        ? "IT is asking its own staff how they think the business sees IT. It takes about five minutes."
        : "IT would like to know how it serves your unit. It takes about five minutes.",
    "Your answers are anonymous: results are shown only for groups of five people or more.",
    "",
    url,
    "",
    `The link works once and until ${campaign.deadline.slice(0, 10)}.`,
  ].join("\n"),
});

/**
 * Sends mail for issued invitations; a failed message is not fatal, its link is returned to be
 * handed over another way.
 */
export const mailInvitations = async (
  repositories: Repositories,
  campaign: Campaign,
  /** Reminders carry when they were last reminded before this round's claim. */
  invitations: (IssuedInvitation & { previousRemindedAt?: string | null })[],
  mail: MailSender | null,
  publicUrl: string,
  now: Date,
  reminder: boolean,
  /** False when nobody reads the result (the reminder schedule): links not mailed are kept back. */
  handOutLinks = true,
): Promise<{ links: InvitationLink[]; mailed: number }> => {
  const links: InvitationLink[] = [];
  const sent: string[] = [];
  for (const inv of invitations) {
    const url = surveyLinkUrl(publicUrl, inv.token);
    let mailed = false;
    if (mail && inv.email) {
      try {
        await mail.send(invitationMail(campaign, inv, url, reminder));
        mailed = true;
        sent.push(inv.invitationId);
      } catch {
        mailed = false;
      }
    }
    // A reminder's new link replaces the old one only once it has reached someone (mailed, or
    // handed out to copy); right after the send, so the mailed link works when it arrives.
    if (reminder && (mailed || handOutLinks))
      await repositories.campaigns.storeToken(inv.invitationId, inv.token);
    else if (reminder && inv.previousRemindedAt !== undefined)
      await repositories.campaigns.releaseReminder(inv.invitationId, inv.previousRemindedAt);
    if (!mailed && handOutLinks) links.push({ email: inv.email, audience: inv.audience, url, mailed });
  }
  await repositories.campaigns.markSent(sent, now, reminder);
  return { links, mailed: sent.length };
};

/** Creates a campaign, one single-use link per invitee, and mails them (or returns them to copy). */
export const createCampaign = async (o: CreateCampaignOptions): Promise<CreateCampaignResult> => {
  const now = o.clock.now();
  const { campaign, invitations } = await o.repositories.campaigns.create(o.input);
  const { links, mailed } = await mailInvitations(
    o.repositories,
    campaign,
    invitations,
    o.mail,
    o.publicUrl,
    now,
    false,
  );
  return { campaign: await o.repositories.campaigns.get(campaign.id, now), links, mailed };
};
