// How every front end writes an amount of credits: "0.5 credits", "1 credit", "1,212.5 credits".

// One formatter for all calls: toLocaleString builds a new one each time, which shows up on every snapshot.
const creditFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatCredits(credits: number): string {
  const rounded = Math.round(credits * 100) / 100;
  return `${creditFormat.format(rounded)} ${rounded === 1 ? 'credit' : 'credits'}`;
}
