import { generatedNames, replaceGenerated } from './generated-sections';

describe('generated-sections', () => {
  test('replaceGenerated - rewrites what is between the markers, and only that', () => {
    const page = 'a\n<!-- generated:cost -->\nold\n<!-- /generated:cost -->\nb\n';
    expect(generatedNames(page)).toEqual(['cost']);
    expect(replaceGenerated('p.md', page, { cost: '| new |' })).toBe('a\n<!-- generated:cost -->\n| new |\n<!-- /generated:cost -->\nb\n');
  });

  test('replaceGenerated - throws for a marker nothing generates', () => {
    expect(() => replaceGenerated('p.md', '<!-- generated:weather -->\n<!-- /generated:weather -->\n', { cost: '' })).toThrow(
      'p.md: <!-- generated:weather --> has no generator; known: cost',
    );
  });
});
