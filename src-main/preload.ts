import { contextBridge } from 'electron';

// The renderer sees only what is exposed here.
contextBridge.exposeInMainWorld('embark', {
  platform: process.platform,
});
