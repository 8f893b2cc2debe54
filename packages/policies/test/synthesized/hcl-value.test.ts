import { parseHclValue } from '../../src/synthesized/hcl-value';

describe('parseHclValue', () => {
  test('parseHclValue - reads the literals cdktf writes for Fn.jsonencode', () => {
    expect(parseHclValue('{"Version" = "2012-10-17", "N" = 5, "F" = -1.5e2, "T" = true, "No" = false, "Nil" = null, "L" = ["a", 1]}')).toEqual({
      Version: '2012-10-17',
      N: 5,
      F: -150,
      T: true,
      No: false,
      Nil: null,
      L: ['a', 1],
    });
  });

  test('parseHclValue - keeps references and calls as ${...} strings, inside and outside string templates', () => {
    expect(
      parseHclValue('{"Resource" = aws_s3_bucket.Lake.arn, "Objects" = "${aws_s3_bucket.Lake.arn}/*", "Split" = split(",", data.aws_ssm_parameter.Ids.value), "Nested" = {"a" = join("", ["x", "}"])}}'),
    ).toEqual({
      Resource: '${aws_s3_bucket.Lake.arn}',
      Objects: '${aws_s3_bucket.Lake.arn}/*',
      Split: '${split(",", data.aws_ssm_parameter.Ids.value)}',
      Nested: { a: '${join("", ["x", "}"])}' },
    });
  });

  test('parseHclValue - decodes escapes and the $${ escape', () => {
    expect(parseHclValue('"a\\"b\\\\c\\nd $${literal} \\u0041"')).toBe('a"b\\c\nd ${literal} A');
  });

  test('parseHclValue - accepts identifier keys and newline separators', () => {
    expect(parseHclValue('{\n  key = "v"\n  other = [1,\n 2]\n}')).toEqual({ key: 'v', other: [1, 2] });
  });

  test('parseHclValue - throws on text it cannot read', () => {
    expect(() => parseHclValue('{"a" = "unterminated}')).toThrow(/unterminated string/);
    expect(() => parseHclValue('{"a" "b"}')).toThrow(/expected "=" after an object key/);
    expect(() => parseHclValue('"a" "b"')).toThrow(/unexpected text after the value/);
  });
});
