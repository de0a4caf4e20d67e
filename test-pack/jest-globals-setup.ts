// The one-line set-up for tests that import { expect } from '@jest/globals'.
import 'express-httpresponse/testing/jest-globals';
