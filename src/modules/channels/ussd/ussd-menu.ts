import { stripFallback, type Translate } from '../../../platform/i18n/index.ts';
import type { ActionCall, ActionDraft, ConsumerActions } from '../actions/consumer-actions.service.ts';
import type { MenuAction } from '../channels.settings.ts';
import { pagesOf, type ScreenLimits } from './ussd-screens.ts';

/**
 * The USSD menu engine: one state per session, advanced one input at a time, over the consumer
 * actions. It does no I/O of its own beyond the actions, knows no gateway and no HTTP, and its
 * state is plain JSON that the session store keeps encrypted.
 */

/** Where a session stands. */
export type UssdPlace =
  | { kind: 'menu' }
  | { kind: 'action'; action: MenuAction; draft: ActionDraft }
  /** Asked whether to continue a report left unfinished on an earlier call. */
  | { kind: 'resume'; action: MenuAction; draft: ActionDraft; text: string }
  | { kind: 'ended' };

/** A session's state: its language, its place, and the screen on show with the page shown. */
export interface UssdState {
  language: string;
  place: UssdPlace;
  screen: { text: string; isEnd: boolean; page: number };
}

/** What the phone shows: the text of one page, and whether it ends the session (`END`) or waits for input (`CON`). */
export interface UssdScreen {
  text: string;
  isEnd: boolean;
}

/** The menu and its limits, from the profile. */
export interface UssdMenuSettings {
  menu: readonly MenuAction[];
  screen: ScreenLimits;
  pageKeys: { more: string; back: string };
}

/** The engine over the actions and the words of each language. */
export interface UssdEngine {
  /** A new session's state: the main menu, or the question whether to continue `resume`. */
  open(language: string, resume?: { action: MenuAction; draft: ActionDraft; text: string }): UssdState;
  /** The state after one input. */
  advance(state: UssdState, input: string, call: Omit<ActionCall, 'language'>): Promise<UssdState>;
  /** The page on show. */
  render(state: UssdState): UssdScreen;
}

/** Builds the engine. */
export function createUssdEngine(deps: { actions: ConsumerActions; translator(language: string): Translate; settings: UssdMenuSettings }): UssdEngine {
  const { actions, settings } = deps;
  const say = (language: string) => {
    const t = deps.translator(language);
    return (key: string) => stripFallback(t(key));
  };
  const menuText = (language: string, lead?: string) => {
    const s = say(language);
    const items = settings.menu.map((action, i) => `${i + 1} ${s(`channels.ussd.menu.${action}`)}`);
    return [lead ?? s('channels.ussd.menu.title'), ...items].join('\n');
  };
  const resumeText = (language: string) => {
    const s = say(language);
    return [s('channels.ussd.resume.question'), `1 ${s('channels.ussd.resume.continue')}`, `2 ${s('channels.ussd.resume.restart')}`].join('\n');
  };
  const pages = (state: UssdState) => {
    const s = say(state.language);
    return pagesOf(state.screen.text, settings.screen, {
      more: `${settings.pageKeys.more} ${s('channels.ussd.more')}`,
      back: `${settings.pageKeys.back} ${s('channels.ussd.back')}`,
    });
  };
  const show = (state: UssdState, place: UssdPlace, text: string, isEnd = false, language = state.language): UssdState => ({
    language,
    place,
    screen: { text, isEnd, page: 0 },
  });

  return {
    open(language, resume) {
      if (resume) return { language, place: { kind: 'resume', ...resume }, screen: { text: resumeText(language), isEnd: false, page: 0 } };
      return { language, place: { kind: 'menu' }, screen: { text: menuText(language), isEnd: false, page: 0 } };
    },

    async advance(state, raw, call) {
      const input = raw.trim();
      const count = pages(state).length;
      // The page keys turn the pages of a long screen before anything else reads the input.
      if (count > 1 && input === settings.pageKeys.more && state.screen.page < count - 1)
        return { ...state, screen: { ...state.screen, page: state.screen.page + 1 } };
      if (count > 1 && input === settings.pageKeys.back && state.screen.page > 0) return { ...state, screen: { ...state.screen, page: state.screen.page - 1 } };
      const { place, language } = state;
      switch (place.kind) {
        case 'ended':
          return state;
        case 'menu': {
          const action = /^[0-9]{1,2}$/.test(input) ? settings.menu[Number(input) - 1] : undefined;
          if (action === undefined) return show(state, place, menuText(language, say(language)('channels.ussd.invalidChoice')));
          const reply = actions.start(action, { ...call, language });
          return show(state, { kind: 'action', action, draft: reply.draft ?? { step: 'done', attempts: 0 } }, reply.text);
        }
        case 'resume': {
          if (input === '1') return show(state, { kind: 'action', action: place.action, draft: place.draft }, place.text);
          if (input === '2') return show(state, { kind: 'menu' }, menuText(language));
          return show(state, place, resumeText(language));
        }
        case 'action': {
          const reply = await actions.take(place.action, { ...call, language }, place.draft, input);
          const next = reply.language ?? language;
          if (reply.draft === null) return show(state, { kind: 'ended' }, reply.text, true, next);
          return show(state, { ...place, draft: reply.draft }, reply.text, false, next);
        }
      }
    },

    render(state) {
      const all = pages(state);
      const page = Math.min(state.screen.page, all.length - 1);
      const isEnd = state.screen.isEnd && page === all.length - 1;
      const text = all[page] ?? '';
      // The last page of a closing screen cannot go back: the session ends with it.
      const back = `\n${settings.pageKeys.back} ${say(state.language)('channels.ussd.back')}`;
      return { text: isEnd && all.length > 1 && text.endsWith(back) ? text.slice(0, -back.length) : text, isEnd };
    },
  };
}
