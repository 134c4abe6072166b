/**
 * The fill script injected on request (popup, shortcut, context menu). It only sets the frame up;
 * the worker then calls `twostepFill` in this frame's isolated world and reads the outcome.
 */
import { install } from './flow';
import { installKeyGuard } from './key-guard';

installKeyGuard();
install();
