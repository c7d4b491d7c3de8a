/** Driver start-up and teardown around each load run (cell, warm-up, reference), a rough allowance for the estimate. */
export const LOAD_SETUP_MS = 500;
