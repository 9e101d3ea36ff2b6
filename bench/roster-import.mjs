// Roster import at district size: one class out of a OneRoster zip of 10,000 users, 400 classes and
// 60,000 enrollments, and a 2,000-row SIS CSV merged into a teacher's year (150 students).
// Both with --dry-run (reads, merges, reports) and for real (writes roster.csv and mastery.csv).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { generateTeacherYear, mulberry32 } from './generate.mjs';
import { interleaved, NODE0, pathbook, printRows, row, tempDir } from './lib.mjs';

/** A minimal zip writer (deflate, no data descriptors): enough for the importer's reader. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const body = deflateRawSync(data);
    const n = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x800, 6); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc32(data), 14); h.writeUInt32LE(body.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x800, 8); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc32(data), 16); c.writeUInt32LE(body.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    locals.push(h, n, body);
    centrals.push(c, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const rnd = mulberry32(11);
const work = tempDir();
const USERS = 10_000;
const CLASSES = 400;
const users = ['sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password'];
for (let i = 1; i <= USERS; i++) users.push(`u${i},,,true,sch,student,user${i},,Given${i},Family${i},,S${String(i).padStart(5, '0')},user${i}@students.example.org,,,,06,`);
const classes = ['sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods'];
for (let c = 1; c <= CLASSES; c++) classes.push(`c${c},,,Class ${c},06,crs,C${c},scheduled,Room,sch,t1,Math,,${(c % 8) + 1}`);
const enrollments = ['sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate'];
let e = 0;
for (let i = 1; i <= USERS; i++) for (let k = 0; k < 6; k++) enrollments.push(`e${++e},,,c${1 + Math.floor(rnd() * CLASSES)},sch,u${i},student,,2026-08-24,2027-06-11`);
const zipFile = join(work, 'district-oneroster.zip');
writeFileSync(zipFile, zip([['manifest.csv', 'propertyName,value\noneroster.version,1.1\n'], ['users.csv', users.join('\n')], ['classes.csv', classes.join('\n')], ['enrollments.csv', enrollments.join('\n')]]));

const csvFile = join(work, 'sis-export.csv');
const sis = ['Student ID,Last Name,First Name,Period,Email'];
for (let i = 1; i <= 2000; i++) sis.push(`S${String(i).padStart(4, '0')},Family${i},Given${i},${(i % 5) + 1},s${i}@students.example.org`);
writeFileSync(csvFile, sis.join('\n') + '\n');

const base = join(work, 'base');
generateTeacherYear(base);
const dir = join(work, 'class');
const reset = () => { rmSync(dir, { recursive: true, force: true }); mkdirSync(dir); cpSync(base, dir, { recursive: true }); };
reset();

const runs = Number(process.env.BENCH_RUNS ?? 5);
const t = interleaved({
  node: NODE0,
  zipDry: pathbook(['roster', 'import', zipFile, '--class', 'c17', '--dry-run'], dir),
  zipWrite: { ...pathbook(['roster', 'import', zipFile, '--class', 'c17'], dir), prepare: reset },
  csvDry: pathbook(['roster', 'import', csvFile, '--dry-run'], dir),
  csvWrite: { ...pathbook(['roster', 'import', csvFile], dir), prepare: reset },
}, { runs });
printRows(`roster import into a teacher's year (150 students), median of ${runs} interleaved runs`, [
  row('node -e 0', `${t.node.toFixed(1)} ms`),
  row('OneRoster zip, 10k users / 60k enrollments, one class, --dry-run', `${t.zipDry.toFixed(1)} ms`),
  row('OneRoster zip, same, writing roster.csv', `${t.zipWrite.toFixed(1)} ms`),
  row('SIS CSV, 2,000 students, --dry-run', `${t.csvDry.toFixed(1)} ms`),
  row('SIS CSV, 2,000 students, writing roster.csv', `${t.csvWrite.toFixed(1)} ms`),
]);
if (process.env.BENCH_KEEP) console.log(`files kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
