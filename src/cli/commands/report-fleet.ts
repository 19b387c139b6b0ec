import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv } from '../../core/report/csv';
import { aggregateFleet, renderFleetReportHtml } from '../../core/report/fleet';
import { fleetSummaryCsv, tagsByItem } from '../../core/report/fleet-dimensions';
import { dataPaths } from '../../node/console/console-data';
import { openLibraryStore } from '../../node/console/library-store';
import { openPlayIntake } from '../../node/fleet/play-intake';
import { flag, type CliIo } from '../io';
import type { ReportArgs } from './report-range';

export const consoleDataDir = (args: readonly string[], io: CliIo): string =>
  resolve(io.cwd, flag(args, 'data') ?? (io.env['KIOSK_CONSOLE_DIR'] || '.kiosk-console'));

/** `kiosk report --fleet`: every screen's uploaded records, checked on arrival, in one report. */
export async function fleetReport(args: readonly string[], range: ReportArgs, io: CliIo): Promise<number> {
  const dataDir = consoleDataDir(args, io);
  const exists = await fs.stat(join(dataDir, 'fleet-plays')).then((s) => s.isDirectory(), () => false);
  if (!exists) {
    io.err(`kiosk report --fleet: no uploaded play records in ${dataDir} (set --data to the console's data folder)`);
    return 1;
  }
  const intake = await openPlayIntake(dataDir);
  // Collect at the edge (the library's tags, the groups screens named), decide in core.
  const library = await openLibraryStore(dataPaths(dataDir).library);
  const data = aggregateFleet(await intake.records(), range, await intake.problems(), { tagsOf: tagsByItem(library.list()), groupsOf: intake.groupsOf });
  const outDir = resolve(io.cwd, flag(args, 'out') ?? '.');
  await fs.mkdir(outDir, { recursive: true });
  const organisation = flag(args, 'org');
  await fs.writeFile(join(outDir, 'fleet-report.csv'), toCsv(data.rows, range.timeZone));
  await fs.writeFile(join(outDir, 'fleet-summary.csv'), fleetSummaryCsv(data.perTag, data.perGroup));
  await fs.writeFile(join(outDir, 'fleet-report.html'), renderFleetReportHtml(data, { generatedAt: new Date().toISOString(), ...(organisation ? { organisation } : {}) }));
  io.out(`wrote ${join(outDir, 'fleet-report.csv')}`);
  io.out(`wrote ${join(outDir, 'fleet-summary.csv')}`);
  io.out(`wrote ${join(outDir, 'fleet-report.html')}`);
  for (const s of data.screens) io.out(`${s.screenId}: ${s.plays} plays, ${(s.onAirMs / 3_600_000).toFixed(1)} h on air, ${s.problems} chain problem(s)`);
  for (const p of data.problems) io.err(`chain problem: screen ${p.screenId}, file ${p.file}, seq ${p.seq}: ${p.message}`);
  return 0;
}
