// Scoring answer texts against the map's key: what students actually type must still count.
import { describe, expect, it } from 'vitest';
import { isCorrect, scoreAnswer, splitChoices } from '../../src/domain/answers.ts';

describe('scoring answers against the key', () => {
  const q = { points: 2, key: ['6:8'] };
  it('ignores spaces around the answer and letter case', () => {
    expect(scoreAnswer(q, ' 6:8 ')).toBe(2);
    expect(scoreAnswer({ points: 1, key: ['Four'] }, 'four')).toBe(1);
    expect(scoreAnswer({ points: 1, key: ['eight cups'] }, 'Eight   cups')).toBe(1);
  });
  it('accepts any answer of a list and treats 8 and 8.0 as the same number', () => {
    const item = { points: 1, key: ['8', '8 cups'] };
    expect(scoreAnswer(item, '8 cups')).toBe(1);
    expect(scoreAnswer(item, '8.0')).toBe(1);
    expect(scoreAnswer(item, '18')).toBe(0);
  });
  it('gives 0 for a blank or wrong answer', () => {
    expect(scoreAnswer(q, '')).toBe(0);
    expect(scoreAnswer(q, '3:8')).toBe(0);
  });
  it('compares checkbox answers as sets: every right choice and nothing else', () => {
    const item = { points: 1, keyAll: ['2:3', '4:6'] };
    expect(isCorrect(item, '4:6, 2:3')).toBe(true);
    expect(isCorrect(item, '2:3')).toBe(false);
    expect(isCorrect(item, '2:3, 4:6, 3:2')).toBe(false);
  });
  it('keeps a choice whose own text holds a comma in one piece', () => {
    expect(splitChoices('Red, blue, and green, Yellow', ['Red, blue, and green'])).toEqual(['Red, blue, and green', 'Yellow']);
    expect(isCorrect({ points: 1, keyAll: ['Red, blue, and green', 'Yellow'] }, 'Yellow, Red, blue, and green')).toBe(true);
  });
  it('never treats a formula as anything but text', () => {
    expect(scoreAnswer({ points: 1, key: ['=1+1'] }, '=1+1')).toBe(1);
    expect(scoreAnswer({ points: 1, key: ['2'] }, '=1+1')).toBe(0);
  });
});
