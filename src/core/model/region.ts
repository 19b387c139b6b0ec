import { z } from 'zod';

/** Where the screen stands: it decides the hotlines viewers are sent to. */
export const Region = z.enum(['cn', 'tw', 'hk']);
export type Region = z.infer<typeof Region>;

/** Who a content item speaks to; a playlist picks its audiences from the same list. */
export const Audience = z.enum(['school', 'university', 'kindergarten-parents', 'bank', 'elderly', 'community']);
export type Audience = z.infer<typeof Audience>;

/** The yearly campaign seasons a content item can be tied to (see core/content/seasons.ts). */
export const SeasonName = z.enum(['school-start', 'shopping-festival', 'spring-festival', 'exams-graduation', 'school-holidays']);
export type SeasonName = z.infer<typeof SeasonName>;

const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day as MM-DD');

/** A yearly window; `to` earlier than `from` crosses New Year. */
export const SeasonWindow = z.object({ from: MonthDay, to: MonthDay }).strict();
export type SeasonWindow = z.infer<typeof SeasonWindow>;

/** A named season, or an explicit yearly window. */
export const Season = z.union([SeasonName, SeasonWindow]);
export type Season = z.infer<typeof Season>;

const PhoneNumber = z.string().regex(/^\+?[\d -]{3,20}$/, 'a phone number');

/** A deployment's own police station line, shown beside the region's hotlines. */
export const LocalPolice = z
  .object({
    number: PhoneNumber,
    /** Shown as the label; defaults to the locale's "local police". */
    label: z.string().min(1).max(30).optional(),
  })
  .strict();
export type LocalPolice = z.infer<typeof LocalPolice>;

/** The page the help slide's QR code opens; its address is printed under the code. */
export const HelpQr = z
  .string()
  .url()
  .max(300)
  .refine((u) => u.startsWith('https://'), 'an https:// address');

/** What the renderer needs to point viewers to help: the numbers and the help page. */
export const RegionProfile = z
  .object({
    region: Region,
    hotlines: z.array(
      z
        .object({
          role: z.enum(['police', 'anti-fraud', 'emergency', 'local-police']),
          number: z.string(),
          label: z.string().optional(),
        })
        .strict(),
    ),
    /** Printed under the help slide's QR code; no code without it. */
    helpQr: z.string().optional(),
  })
  .strict();
export type RegionProfile = z.infer<typeof RegionProfile>;
