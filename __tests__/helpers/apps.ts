import express5 from 'express';
import express4 from 'express4';

/** A fresh Express app factory for each supported major version. */
export type AppFactory = typeof express5;

/** `describe.each(expressVersions)` runs a suite on Express 4 and on Express 5. */
export const expressVersions: Array<[label: string, createApp: AppFactory]> = [
  ['Express 5', express5],
  ['Express 4', express4],
];
