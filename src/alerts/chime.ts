// `?sound`: a short two-note chime made with Web Audio, so there is no sound file to download.
// Browsers start audio only after a click or key press on the page; a kiosk started with
// Chromium's --autoplay-policy=no-user-gesture-required plays it from the start (README).

/** Two soft sine notes, a fifth apart, each fading out over most of a second. */
export const CHIME_NOTES: ReadonlyArray<{ frequency: number; offset: number }> = [
  { frequency: 659.25, offset: 0 },
  { frequency: 987.77, offset: 0.16 },
];
const PEAK_GAIN = 0.25;
const NOTE_S = 0.9;

export function playChime(context: BaseAudioContext): void {
  const start = context.currentTime + 0.02;
  for (const { frequency, offset } of CHIME_NOTES) {
    const at = start + offset;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_S + 0.05);
  }
}

export type Chime = { play(): void; dispose(): void };

/** The audio context is made at the first chime (or the first click, which also unlocks it). */
export function createChime(target: Window & { AudioContext?: typeof AudioContext } = window): Chime {
  let context: AudioContext | null = null;
  const ensure = (): AudioContext | null => {
    if (!context && typeof target.AudioContext === 'function') context = new target.AudioContext();
    return context;
  };
  const unlock = () => void ensure()?.resume().catch(() => {});
  target.addEventListener('pointerdown', unlock, { once: true });
  target.addEventListener('keydown', unlock, { once: true });
  return {
    play() {
      const audio = ensure();
      if (!audio) return;
      if (audio.state === 'suspended') void audio.resume().catch(() => {});
      playChime(audio);
    },
    dispose() {
      target.removeEventListener('pointerdown', unlock);
      target.removeEventListener('keydown', unlock);
      void context?.close().catch(() => {});
      context = null;
    },
  };
}
