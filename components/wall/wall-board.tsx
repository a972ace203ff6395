"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { BillingStatus } from "@/lib/billing";
import { packWall, wallUnit, type TileSize, type WallArea } from "@/lib/wall/pack-wall";
import type { WallTile } from "@/lib/wall/wall-tile";
import { statusLabel, statusSymbol } from "../status-badge";

// Dark-background tones with AA contrast for the text on them; the symbol and word carry the status.
const TONE: Record<BillingStatus, string> = {
  disconnected: "border-red-400 bg-red-900",
  critical: "border-red-500 bg-red-950",
  warning: "border-amber-400 bg-amber-950",
  stale: "border-violet-400 bg-violet-950",
  unknown: "border-slate-500 bg-slate-800",
  ok: "border-green-500 bg-green-950",
  exempt: "border-slate-600 bg-slate-900",
};

/** Type sizes per tile size, in the wall's unit; they fit the heights packWall gives each size. */
const TYPE: Record<TileSize, { padding: number; name: number; reason: number; detail: number | null }> = {
  large: { padding: 0.45, name: 1.5, reason: 1.05, detail: 0.85 },
  medium: { padding: 0.35, name: 1.15, reason: 0.9, detail: null },
  small: { padding: 0.2, name: 0.95, reason: 0.8, detail: null },
};

/**
 * Long names share their start ("demo-zvm-ams-datacenter-…") and differ at the
 * end: shorten the middle, keep the last part whole, and never wrap a word.
 */
function splitName(name: string): [string, string] {
  const cut = Math.max(name.lastIndexOf("-"), name.lastIndexOf("."), name.lastIndexOf("_"));
  if (cut > 0 && name.length - cut <= 10) return [name.slice(0, cut), name.slice(cut)];
  return [name, ""];
}

function Name({ name, size }: { name: string; size: number }) {
  const [head, tail] = splitName(name);
  return (
    <div className="flex min-w-0 leading-[1.15] font-bold whitespace-nowrap" style={{ fontSize: size }} title={name} data-testid="wall-tile-name">
      <span className="min-w-0 truncate">{head}</span>
      {tail ? <span className="shrink-0">{tail}</span> : null}
    </div>
  );
}

function Tile({ tile, size, unit, width, height }: { tile: WallTile; size: TileSize; unit: number; width: number; height: number }) {
  const type = TYPE[size];
  const reasonText = tile.status === "disconnected" ? tile.reason : `${statusLabel(tile.status)} · ${tile.reason}`;
  return (
    <li
      className={`flex flex-col justify-center overflow-hidden rounded-lg border-2 ${TONE[tile.status]}`}
      style={{ width, height, padding: `${type.padding * unit}px ${type.padding * 1.6 * unit}px` }}
      data-testid="wall-tile"
      data-name={tile.name}
      data-status={tile.status}
      data-size={size}
      title={`${tile.name} — ${statusLabel(tile.status)}: ${tile.reason}`}
    >
      <Name name={tile.name} size={type.name * unit} />
      <div className="truncate leading-[1.2] font-semibold" style={{ fontSize: type.reason * unit }} data-testid="wall-tile-reason">
        <span aria-hidden="true">{statusSymbol(tile.status)} </span>
        {reasonText}
      </div>
      {type.detail !== null ? (
        <div className="truncate leading-[1.2] text-slate-200" style={{ fontSize: type.detail * unit }}>
          {tile.detail}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The appliances needing attention, laid out to fit the space left on screen
 * (measured here, laid out again on every resize): nothing is drawn below the
 * screen; what does not fit is counted in groups that say so.
 */
export function WallBoard({ tiles, unlisted }: { tiles: WallTile[]; unlisted: Partial<Record<BillingStatus, number>> }) {
  const box = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<WallArea | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      const next = {
        width: Math.floor(rect.width),
        height: Math.floor(rect.height),
        unit: wallUnit({ width: window.innerWidth, height: window.innerHeight }),
      };
      setArea((current) => (current && current.width === next.width && current.height === next.height && current.unit === next.unit ? current : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, []);
  const byId = useMemo(() => new Map(tiles.map((tile) => [tile.id, tile])), [tiles]);
  const packing = useMemo(
    () => (area ? packWall(tiles.map((tile) => ({ id: tile.id, status: tile.status, daysLeft: tile.daysLeft })), area, unlisted) : null),
    [tiles, unlisted, area],
  );
  return (
    <section
      ref={box}
      aria-label="Appliances needing attention, worst first"
      className="relative min-h-0 flex-1 overflow-hidden"
      data-testid="wall-board"
      data-shown={packing?.shown}
      data-total={packing?.total}
    >
      {packing && area
        ? packing.bands.map((band) => (
            <ul
              key={`${band.size}-${band.top}`}
              className="absolute inset-x-0 grid"
              style={{ top: band.top, gridTemplateColumns: `repeat(${band.columns}, ${band.tileWidth}px)`, gridAutoRows: band.tileHeight, gap: band.gap }}
            >
              {band.entries.map((entry) => {
                const tile = byId.get(entry.id);
                return tile ? <Tile key={tile.id} tile={tile} size={band.size} unit={area.unit} width={band.tileWidth} height={band.tileHeight} /> : null;
              })}
            </ul>
          ))
        : null}
      {packing && area && packing.groupBand ? (
        <ul
          aria-label={`${packing.total - packing.shown} more needing attention, counted by status`}
          className="absolute inset-x-0 grid"
          style={{
            top: packing.groupBand.top,
            gridTemplateColumns: `repeat(${packing.groupBand.columns}, minmax(0, 1fr))`,
            gridAutoRows: packing.groupBand.rowHeight,
            gap: packing.groupBand.gap,
          }}
        >
          {packing.groupBand.groups.map((group) => (
            <li key={group.status} className={`overflow-hidden rounded-lg border-2 border-dashed ${TONE[group.status]}`} data-testid="wall-group" data-status={group.status} data-count={group.count}>
              <a
                href={`/?status=${group.status}`}
                className="flex h-full items-center truncate px-[0.6em] font-semibold whitespace-nowrap"
                style={{ fontSize: 0.95 * area.unit }}
                title={`Not drawn as tiles: ${group.label}. Opens the fleet page filtered to them.`}
              >
                <span aria-hidden="true">{statusSymbol(group.status)}&nbsp;</span>
                <span className="truncate">+{group.label}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
