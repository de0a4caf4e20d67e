// The documented one-line set-up, in an ES module project ("type": "module").
import 'express-httpresponse/testing/jest-setup';
