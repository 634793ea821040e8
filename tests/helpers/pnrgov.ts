/**
 * Writes small PNRGOV messages for tests (the GTAS samples are other carriers' flights): one flight,
 * bookings with travellers, documents, payment, contacts and itinerary, in the 13.1 layout the
 * samples use.
 */
export interface TestBooking {
  locator: string;
  /** DDMMYY:HHMM, as RCI writes it. */
  created: string;
  payment: 'CA' | 'CC' | 'MS';
  travellers: Array<{
    surname: string;
    given: string;
    type?: 'A' | 'C' | 'IN';
    dob?: string;
    passport?: string;
    nationality?: string;
    /** TIF reference: stable per passenger across pushes (default: position). */ ref?: string;
  }>;
  /** TVL lines' content after "TVL+": defaults to the pushed flight only (one-way). */
  legs?: string[];
  extra?: string[];
}

export function pnrgovMessage(o: {
  ref: string;
  carrier: string;
  flight: string;
  from: string;
  to: string;
  date: string;
  time: string;
  bookings: TestBooking[];
}): string {
  const tvl = `${o.date}:${o.time}+${o.from}+${o.to}+${o.carrier}+${o.flight}`;
  const body: string[] = [
    `UNH+1+PNRGOV:13:1:IA+${o.ref}`,
    'MSG+:22',
    `ORG+${o.carrier}:${o.from}+55107`,
    `TVL+${tvl}`,
    `EQN+${o.bookings.length}`,
  ];
  for (const b of o.bookings) {
    body.push(
      'SRC',
      `RCI+${o.carrier}:${b.locator}::${b.created}`,
      `ORG+${o.carrier}:${o.from}+70379193:LON+++A+GB:GBP`,
    );
    b.travellers.forEach((t, i) => {
      body.push(`TIF+${t.surname}+${t.given}:${t.type ?? 'A'}:${t.ref ?? i + 1}`);
      if (t.passport)
        body.push(
          `SSR+DOCS:HK::${o.carrier}:::::/P/${t.nationality ?? 'GBR'}/${t.passport}/${t.nationality ?? 'GBR'}/${t.dob ?? ''}/M/01JAN30/${t.surname}/${t.given}`,
        );
    });
    body.push(b.payment === 'CC' ? 'FOP+CC::100.00:VI:XXXXXXXXXXXX4410:0130' : `FOP+${b.payment}::100.00`);
    for (const leg of b.legs ?? [tvl]) body.push(`TVL+${leg}`, `RPI+${b.travellers.length}+HK`);
    body.push(...(b.extra ?? []));
  }
  body.push(`UNT+${body.length + 1}+1`);
  return `UNA:+.?*'UNB+IATA:1+${o.carrier}++261125:1120+${o.ref}'${body.join("'")}'UNZ+1+${o.ref}'`;
}

/** A PAXLST passenger list (D05B) for one flight: the API side of the same travellers. */
export function paxlstMessage(o: {
  ref: string;
  carrier: string;
  flight: string;
  from: string;
  to: string;
  departs: string;
  arrives: string;
  travellers: Array<{
    ref: string;
    surname: string;
    given: string;
    sex: 'M' | 'F';
    dob: string;
    nationality: string;
    passport: string;
    booking?: string;
  }>;
}): string {
  const segs = [
    'UNH+1+PAXLST:D:05B:UN:IATA',
    'BGM+745',
    `RFF+TN:${o.ref}`,
    `TDT+20+${o.flight}+++${o.carrier}`,
    `LOC+125+${o.from}`,
    `DTM+189:${o.departs}:201`,
    `LOC+87+${o.to}`,
    `DTM+232:${o.arrives}:201`,
  ];
  for (const t of o.travellers) {
    segs.push(`NAD+FL+++${t.surname}:${t.given}`, `ATT+2++${t.sex}`, `DTM+329:${t.dob}`, `NAT+2+${t.nationality}`);
    if (t.booking) segs.push(`RFF+AVF:${t.booking}`);
    segs.push(`RFF+ABO:${t.ref}`, `DOC+P+${t.passport}`, `LOC+91+${t.nationality}`);
  }
  segs.push(`CNT+42:${o.travellers.length}`);
  segs.push(`UNT+${segs.length + 1}+1`);
  return `UNB+UNOA:4+${o.carrier}+CUSTOMS+261204:0900+${o.ref}'${segs.join("'")}'UNZ+1+${o.ref}'`;
}
