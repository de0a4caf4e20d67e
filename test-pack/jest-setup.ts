// The documented one-line set-up (this file is listed in jest.config.cjs's setupFilesAfterEnv).
import 'express-httpresponse/testing/jest-setup';
