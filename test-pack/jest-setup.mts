// The documented one-line set-up, in an ES module project.
import 'express-httpresponse/testing/jest-setup';
