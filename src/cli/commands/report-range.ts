/** The days a report covers and the zone they are counted in (for `report` and `report --fleet`). */
export interface ReportArgs {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
}
