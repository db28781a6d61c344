// The 3D view of a downloaded model (three.js + GLTFLoader): loaded lazily as its own chunk when a detail view opens,
// so the window's first load never pays for it. Renders on demand (on a change), not in a loop, to spare the battery.
import {
  Box3,
  Color,
  Material,
  Mesh,
  MeshStandardMaterial,
  NeutralToneMapping,
  PerspectiveCamera,
  PMREMGenerator,
  Scene,
  Spherical,
  Texture,
  Vector3,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

export interface ModelStats {
  vertices: number;
  triangles: number;
  /** Size of the model file as loaded. */
  bytes: number;
}

export interface ModelScene {
  stats: ModelStats;
  /** Back to the framing the model opened with. */
  reset(): void;
  setWireframe(on: boolean): void;
  setShowTexture(on: boolean): void;
  /** Keyboard orbit: turn by angles in radians, zoom by a factor (< 1 is closer). */
  orbit(azimuth: number, polar: number): void;
  zoom(factor: number): void;
  dispose(): void;
}

/** The untextured look: a mid grey that stands out from both themes' backgrounds. */
const CLAY = new Color(0x9a9a9f);

/** Thrown when the machine cannot draw WebGL at all, so the view can say so instead of showing a blank box. */
export class NoWebGlError extends Error {
  readonly code = 'NO_WEBGL';
}

function meshesOf(root: Object3D): Mesh[] {
  const meshes: Mesh[] = [];
  root.traverse((object) => {
    if ((object as Partial<Mesh>).isMesh) meshes.push(object as Mesh);
  });
  return meshes;
}

function materialsOf(mesh: Mesh): Material[] {
  return Array.isArray(mesh.material) ? mesh.material : [mesh.material];
}

function countStats(meshes: Mesh[], bytes: number): ModelStats {
  let vertices = 0;
  let triangles = 0;
  for (const mesh of meshes) {
    const geometry = mesh.geometry;
    const count = geometry.getAttribute('position')?.count ?? 0;
    vertices += count;
    triangles += Math.floor((geometry.index ? geometry.index.count : count) / 3);
  }
  return { vertices, triangles, bytes };
}

async function fetchModel(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`The model could not be read (${response.status}).`);
  return response.arrayBuffer();
}

/**
 * Loads the model at `url` (the app's confined preview URL) into a new scene drawn on `canvas`. The canvas is
 * transparent: the page's own themed background shows through, so light and dark need nothing here.
 */
export async function loadModelScene(canvas: HTMLCanvasElement, url: string, signal: AbortSignal): Promise<ModelScene> {
  const data = await fetchModel(url, signal);
  const gltf = await new GLTFLoader().parseAsync(data, new URL('.', url).href);
  signal.throwIfAborted();

  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
  } catch {
    throw new NoWebGlError('This computer cannot draw 3D here (WebGL is not available).');
  }
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setClearColor(0x000000, 0);
  renderer.toneMapping = NeutralToneMapping;

  const scene = new Scene();
  const pmrem = new PMREMGenerator(renderer);
  // A small cube map: the room only lights the model softly, and software WebGL (no GPU) stays quick.
  const environment = pmrem.fromScene(new RoomEnvironment(), 0.04, 0.1, 100, { size: 64 }).texture;
  scene.environment = environment;
  pmrem.dispose();
  scene.add(gltf.scene);

  const meshes = meshesOf(gltf.scene);
  const surfaces = new Map<MeshStandardMaterial, { map: Texture | null; color: Color }>();
  for (const mesh of meshes)
    for (const material of materialsOf(mesh))
      if (material instanceof MeshStandardMaterial)
        surfaces.set(material, { map: material.map, color: material.color.clone() });

  // Frame the model whatever its units: Rodin's models come at many scales.
  const box = new Box3().setFromObject(gltf.scene);
  const center = box.getCenter(new Vector3());
  const radius = Math.max(box.getSize(new Vector3()).length() / 2, 1e-3);
  const camera = new PerspectiveCamera(40, 1, radius / 100, radius * 100);
  const distance = radius / Math.sin((camera.fov * Math.PI) / 360);
  const home = center.clone().add(new Vector3(0.6, 0.45, 1).normalize().multiplyScalar(distance * 1.1));
  camera.position.copy(home);

  // Compile the shaders before saying "ready", so "ready" means the first frame draws at once. Where the GPU has
  // KHR_parallel_shader_compile this also keeps the page responsive meanwhile; software WebGL (SwiftShader) still
  // blocks for the seconds its compile takes (measured: ~6 s on a loaded 2-core machine, then ~0.3 s to draw).
  await renderer.compileAsync(scene, camera);

  const controls = new OrbitControls(camera, canvas);
  controls.target.copy(center);
  controls.minDistance = radius * 0.3;
  controls.maxDistance = radius * 20;
  controls.update();

  let frame = 0;
  const render = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => renderer.render(scene, camera));
  };
  controls.addEventListener('change', render);

  const resize = (): void => {
    const { clientWidth: width, clientHeight: height } = canvas;
    if (!width || !height) return;
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    render();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();

  const moveCamera = (change: (spherical: Spherical) => void): void => {
    const offset = camera.position.clone().sub(controls.target);
    const spherical = new Spherical().setFromVector3(offset);
    change(spherical);
    spherical.phi = Math.min(Math.PI - 0.01, Math.max(0.01, spherical.phi));
    spherical.radius = Math.min(controls.maxDistance, Math.max(controls.minDistance, spherical.radius));
    camera.position.copy(controls.target).add(new Vector3().setFromSpherical(spherical));
    controls.update();
    render();
  };

  return {
    stats: countStats(meshes, data.byteLength),
    reset() {
      controls.target.copy(center);
      camera.position.copy(home);
      controls.update();
      render();
    },
    setWireframe(on) {
      for (const mesh of meshes)
        for (const material of materialsOf(mesh)) (material as Material & { wireframe?: boolean }).wireframe = on;
      render();
    },
    setShowTexture(on) {
      // Without its texture the model is shown in clay grey, as modelling tools do: a white base colour would all but
      // vanish on the light theme's background, and the shape is what the user wants to see.
      for (const [material, surface] of surfaces) {
        material.map = on ? surface.map : null;
        material.color.copy(on ? surface.color : CLAY);
        material.needsUpdate = true;
      }
      render();
    },
    orbit(azimuth, polar) {
      moveCamera((s) => {
        s.theta += azimuth;
        s.phi += polar;
      });
    },
    zoom(factor) {
      moveCamera((s) => {
        s.radius *= factor;
      });
    },
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      controls.dispose();
      for (const mesh of meshes) {
        mesh.geometry.dispose();
        for (const material of materialsOf(mesh)) material.dispose();
      }
      for (const { map } of surfaces.values()) map?.dispose();
      environment.dispose();
      renderer.dispose();
    },
  };
}
