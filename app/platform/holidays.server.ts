import Holidays from "date-holidays";

/** Swedish public holidays (and the days that are off in practice, e.g. midsommarafton). */
export function swedishHolidays(fromYear: number, toYear: number): Set<string> {
  const hd = new Holidays("SE");
  const days = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const holiday of hd.getHolidays(year)) {
      if (holiday.type === "public" || holiday.type === "bank") days.add(holiday.date.slice(0, 10));
    }
  }
  return days;
}
