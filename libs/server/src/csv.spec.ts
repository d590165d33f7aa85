import { csvField, csvFile, csvLine } from './csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, as RFC 4180 does', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 42, -3.5, null, undefined, true])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",42,-3.5,,,true\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
  });

  it('writes objects as JSON', () => {
    expect(csvField({ plan: 'pro', seats: 3 })).toBe('"{""plan"":""pro"",""seats"":3}"');
  });

  it('streams the lines a generator yields, under a safe file name', async () => {
    async function* lines() {
      yield csvLine(['a', 'b']);
      await new Promise((r) => setImmediate(r));
      yield csvLine([1, 2]);
    }
    const file = csvFile('funnel "x"\r\n.csv', lines());
    expect(file.getHeaders()).toMatchObject({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="funnel__x___.csv"',
    });
    const chunks: string[] = [];
    for await (const chunk of file.getStream()) chunks.push(String(chunk));
    expect(chunks.join('')).toBe('a,b\r\n1,2\r\n');
  });
});
