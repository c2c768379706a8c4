import { InvalidArgumentError } from 'commander';

/** For repeatable options: each occurrence is appended. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** An integer option within bounds, rejected with a message naming the option. */
export function integerOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} expects a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
}
